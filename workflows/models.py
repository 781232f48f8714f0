"""Models of this app arrive with its feature; the app is registered so its place is fixed."""
