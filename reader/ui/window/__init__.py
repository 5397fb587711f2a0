"""The window itself: starting it, the main window's frame, the services and settings every task
shares, the one off-thread runner, themes and resources, and the small widgets and dialogs that
belong to no single task (messages, the About box, a damaged database)."""
