namespace QuakeDetective.Web.Tests.BadInput;

/// <summary>
/// One hostile file and what a reader must say about it: a fragment of the message, the line it names and, for bytes
/// that are not text, the byte offset. <see cref="UsableRows"/> is true when the bad row is one among good ones (a
/// votes file then still aggregates the good rows); <see cref="Accepted"/> when the file is not wrong at all and must
/// come through unharmed (formula text is data; it is escaped when written out).
/// </summary>
public sealed record HostileCsvCase(string Name, byte[] Bytes, string Fragment, int? Line, long? ByteOffset = null, bool UsableRows = false, bool Accepted = false)
{
    public override string ToString() => Name;
}
