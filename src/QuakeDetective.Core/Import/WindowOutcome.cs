using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Import;

/// <summary>A cut window: the subject to store (with the files its data came from) or the reason it was skipped.</summary>
internal sealed record WindowOutcome(Subject? Subject, IReadOnlyList<ImportFileEntry> Files, SkippedWindow? Skipped);
