namespace QuakeDetective.Core.Consensus.Store;

/// <summary>What a recompute did.</summary>
/// <param name="Subjects">Subjects with counted votes.</param>
/// <param name="Votes">Counted votes (the model's not included).</param>
/// <param name="RowsWritten">Consensus rows inserted or changed.</param>
/// <param name="SkippedNewer">Majority/weighted rows left alone because a vote arrived after the votes were read (the live row is newer).</param>
/// <param name="Iterations">Dawid–Skene EM iterations.</param>
/// <param name="Converged">False when EM stopped at its cap.</param>
/// <param name="ElapsedSeconds">Wall time of the whole run.</param>
public sealed record RecomputeSummary(int Subjects, int Votes, int RowsWritten, int SkippedNewer, int Iterations, bool Converged, double ElapsedSeconds)
{
    public override string ToString() =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{Subjects} subjects, {Votes} votes; Dawid–Skene {(Converged ? "converged after" : "stopped at the cap of")} {Iterations} iterations; {RowsWritten} consensus rows written, {SkippedNewer} newer live rows kept; {ElapsedSeconds:F1} s");
}
