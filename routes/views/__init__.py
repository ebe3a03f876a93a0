"""The pages of the app: `route_pages` (the route's list, case page, actions and forms),
`route_documents` (the print form and the regulation, HTML and PDF), `diagnostics_pages`."""
