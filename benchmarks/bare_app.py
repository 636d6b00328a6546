"""The baseline app for the key benchmark: a header, an input and a footer."""

from first_frame import BareApp

if __name__ == "__main__":
    BareApp().run()
