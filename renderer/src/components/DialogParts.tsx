// Pieces every dialog ends with: its error line and its Close button.

/** A dialog's error, announced as it appears; nothing when there is none. */
export function DialogError({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="dialog-error" role="alert">
      {message}
    </p>
  );
}

/** Closes the <dialog> it sits in (a form with method="dialog"). */
export function DialogClose() {
  return (
    <form method="dialog">
      <button type="submit" className="button">
        Close
      </button>
    </form>
  );
}
