namespace QuakeDetective.Core.Exports;

/// <summary>What an export wrote.</summary>
/// <param name="Rows">Rows (subjects, votes or traces) written.</param>
/// <param name="Skipped">Subjects left out (a SeisBench window whose waveform could not be read), with <paramref name="Note"/> saying why.</param>
/// <param name="Bytes">Size of what was written.</param>
/// <param name="ElapsedSeconds">Wall time.</param>
/// <param name="Note">A human-readable remark, or null.</param>
public sealed record ExportSummary(long Rows, long Skipped, long Bytes, double ElapsedSeconds, string? Note = null)
{
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rows} rows, {Bytes / 1024.0 / 1024.0:F1} MiB in {ElapsedSeconds:F1} s") +
        (Skipped > 0 ? $"; {Skipped} skipped" : "") + (Note is null ? "" : $"; {Note}");
}
