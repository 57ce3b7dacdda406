namespace QuakeDetective.Core.Consensus.Store;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler on the reporting thread (Progress&lt;T&gt; posts to a context, which background work does not have).</summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
