using System.Text;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// Collects text in memory and hands it to the real writer asynchronously in chunks of about 64 KiB, so that
/// streaming to an HTTP response never writes synchronously and memory stays flat however many rows pass.
/// </summary>
public sealed class ChunkedTextOutput(TextWriter target) : IAsyncDisposable
{
    private const int FlushAtChars = 64 * 1024;

    /// <summary>Write here; then call <see cref="MaybeFlushAsync"/> after each row.</summary>
    public TextWriter Writer { get; } = new StringWriter(new StringBuilder(FlushAtChars + 4096), System.Globalization.CultureInfo.InvariantCulture);

    public long CharsWritten { get; private set; }

    public ValueTask MaybeFlushAsync(CancellationToken cancellationToken)
    {
        var sb = ((StringWriter)Writer).GetStringBuilder();
        return sb.Length >= FlushAtChars ? new ValueTask(FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var sb = ((StringWriter)Writer).GetStringBuilder();
        if (sb.Length > 0)
        {
            CharsWritten += sb.Length;
            await target.WriteAsync(sb, cancellationToken);
            sb.Clear();
        }

        await target.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        await Writer.DisposeAsync();
    }
}
