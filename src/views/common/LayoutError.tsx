/** What a view shows instead of its drawing when the analysis cannot be laid out. */
export function LayoutError({ view, message }: { view: string; message: string }) {
  return (
    <p className="inside-view__error" role="alert">
      The {view} cannot be drawn for this analysis: {message}
    </p>
  );
}
