namespace QuakeDetective.Core.Domain;

/// <summary>A model version's predicted label and class probabilities for a subject.</summary>
public class Prediction
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public int ModelVersionId { get; set; }

    public required string Label { get; set; }

    public double Probability { get; set; }

    /// <summary>Class probabilities as JSON.</summary>
    public string ProbabilitiesJson { get; set; } = "{}";

    /// <summary>Shannon entropy of the probabilities (nats): the model's uncertainty, used as queue priority.</summary>
    public double Entropy { get; set; }

    public DateTime CreatedAt { get; set; }
}
