namespace QuakeDetective.Core.Domain;

/// <summary>A set of subjects with its rules (Zooniverse: a workflow plus its subject set).</summary>
public class Campaign
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>Answer choices in button order; the first four default to the original project's classes.</summary>
    public List<string> AnswerChoices { get; set; } = [.. DefaultAnswers.All];

    public CampaignStatus Status { get; set; } = CampaignStatus.Active;

    /// <summary>True for the generated demo campaign created on first start.</summary>
    public bool IsDemo { get; set; }

    public RetirementSettings Retirement { get; set; } = new();

    public AudioSettingsRecord Audio { get; set; } = new();

    public PlotSettingsRecord Plot { get; set; } = new();

    public QueueSettings Queue { get; set; } = new();

    public ImportSettings Import { get; set; } = new();

    /// <summary>The consensus method shown first on results pages and in exports (majority, weighted, dawid-skene).</summary>
    public string PrimaryConsensusMethod { get; set; } = "majority";

    /// <summary>When on, the current model's prediction counts as one extra vote in consensus (off by default).</summary>
    public bool ModelVoteEnabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<Subject> Subjects { get; set; } = [];
}
