"""Modal dialogs (ModalScreen[T]) that return a value with dismiss()."""
