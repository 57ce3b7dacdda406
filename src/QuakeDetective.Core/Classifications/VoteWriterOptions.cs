using System.ComponentModel.DataAnnotations;

namespace QuakeDetective.Core.Classifications;

/// <summary>Settings of the in-process vote writer (section "Votes").</summary>
public sealed class VoteWriterOptions
{
    public const string SectionName = "Votes";

    /// <summary>
    /// Most votes written in one transaction. Batches form by themselves from what queued while the previous one was
    /// written (nothing waits to fill one), so this only bounds how long one commit holds the write lock.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 256;
}
