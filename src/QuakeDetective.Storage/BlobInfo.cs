namespace QuakeDetective.Storage;

/// <summary>What a store knows about one object without reading it.</summary>
/// <param name="Key">The object's key.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="LastModifiedUtc">When it was last written.</param>
public sealed record BlobInfo(string Key, long Length, DateTimeOffset LastModifiedUtc);
