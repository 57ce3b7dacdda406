namespace QuakeDetective.Media.Caching;

/// <summary>One cached media file.</summary>
/// <param name="Path">Where it is stored (see <c>IBlobStore.Locate</c>): on a local store the file's full path; serve <paramref name="Content"/>, not this path.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="ETag">Strong entity tag of the content, quoted as HTTP wants it, e.g. "\"9f86d081884c7d65\"".</param>
/// <param name="Created">True when the file was rendered for this request (concurrent callers share one rendering), false when it came from the store.</param>
public sealed record MediaCacheEntry(string Path, byte[] Content, string ETag, bool Created);
