namespace QuakeDetective.Core.Exports;

/// <summary>Rows written so far of the expected total (the total may be an estimate while counting).</summary>
public readonly record struct ExportProgress(string Stage, long Done, long Total)
{
    public double Percent => Total <= 0 ? 0 : Math.Clamp(100.0 * Done / Total, 0, 100);
}
