namespace QuakeDetective.Media.Caching;

/// <summary>One cached media file.</summary>
/// <param name="Path">Full path of the file inside the cache folder.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="ETag">Strong entity tag of the content, quoted as HTTP wants it, e.g. "\"9f86d081884c7d65\"".</param>
/// <param name="Created">True when the file was rendered for this request (concurrent callers share one rendering), false when it came from disk.</param>
public sealed record MediaCacheEntry(string Path, byte[] Content, string ETag, bool Created);
