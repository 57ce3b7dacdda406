namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// One cut window: the traces to store (vertical first, gaps filled with the component's mean so that they show as a
/// flat line after demeaning), or the reason it was skipped. <see cref="Notes"/> says what was dropped on the way.
/// </summary>
public sealed record WindowCut(WindowSpec Window, IReadOnlyList<Trace> Traces, double VerticalCoverage, string? SkipReason, IReadOnlyList<string> Notes)
{
    public bool Skipped => SkipReason is not null;
}
