"""The forms of the app's pages: `route` (the route and its steps), `diagnostics` (diagnostics and surveys)."""
