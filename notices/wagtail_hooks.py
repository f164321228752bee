"""Admin registrations for what the bureau publishes (registration only; views live in
notices/views/)."""
