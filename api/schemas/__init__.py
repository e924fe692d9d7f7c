"""Request and response bodies of the service, one module per resource."""
