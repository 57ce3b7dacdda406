using QuakeDetective.Core.Import;

namespace QuakeDetective.Web.Background;

/// <summary>Hands import progress straight to a callback on the reporting thread (Progress&lt;T&gt; would post and reorder).</summary>
internal sealed class ImportProgressRelay(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
