namespace QuakeDetective.Core.Domain;

/// <summary>Classifier features of a subject's stored window, cached per feature (and preprocessing) version.</summary>
public class SubjectFeatures
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public required string FeatureVersion { get; set; }

    /// <summary>Feature values as little-endian float32 bytes, in the order of the feature version's names.</summary>
    public required byte[] Values { get; set; }

    public DateTime ComputedAt { get; set; }
}
