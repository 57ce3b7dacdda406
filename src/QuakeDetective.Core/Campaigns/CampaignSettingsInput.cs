using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Campaigns;

/// <summary>
/// The settings an admin edits on a campaign, as a form fills them in. Nothing here is checked: run
/// <see cref="CampaignSettingsValidator"/> (or save through <see cref="CampaignService"/>, which does).
/// </summary>
public sealed class CampaignSettingsInput
{
    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>Answer choices in button order.</summary>
    public List<string> AnswerChoices { get; set; } = [.. DefaultAnswers.All];

    public CampaignStatus Status { get; set; } = CampaignStatus.Active;

    public int MaxVotes { get; set; } = 10;

    public bool EarlyConsensusEnabled { get; set; } = true;

    /// <summary>"minVotes-maxVotes:agreement" separated by ';', as <see cref="RetirementSettings.EarlyConsensusRules"/>.</summary>
    public string EarlyConsensusRules { get; set; } = "4-5:1.0;6-7:0.8;8-10:0.7";

    public double BandLowHz { get; set; } = 2.0;

    public double BandHighHz { get; set; } = 8.0;

    public double SpeedUp { get; set; } = 400.0;

    public bool Compression { get; set; } = true;

    /// <summary>Symmetric plot amplitude limit in counts; null scales each subject to its own peak.</summary>
    public double? FixedAmplitudeLimit { get; set; }

    public bool ShowHorizontalsByDefault { get; set; }

    public bool FilterPlot { get; set; } = true;

    public double RandomShare { get; set; } = 0.1;

    public double GoldRateNewcomer { get; set; } = 0.4;

    public int NewcomerClassifications { get; set; } = 20;

    public double GoldRateExperienced { get; set; } = 0.1;

    public bool ModelVoteEnabled { get; set; }

    public string PrimaryConsensusMethod { get; set; } = "majority";

    /// <summary>The editable settings of a stored campaign.</summary>
    public static CampaignSettingsInput From(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new CampaignSettingsInput
        {
            Name = campaign.Name,
            Description = campaign.Description,
            AnswerChoices = [.. campaign.AnswerChoices],
            Status = campaign.Status,
            MaxVotes = campaign.Retirement.MaxVotes,
            EarlyConsensusEnabled = campaign.Retirement.EarlyConsensusEnabled,
            EarlyConsensusRules = campaign.Retirement.EarlyConsensusRules,
            BandLowHz = campaign.Audio.BandLowHz,
            BandHighHz = campaign.Audio.BandHighHz,
            SpeedUp = campaign.Audio.SpeedUp,
            Compression = campaign.Audio.Compression,
            FixedAmplitudeLimit = campaign.Plot.FixedAmplitudeLimit,
            ShowHorizontalsByDefault = campaign.Plot.ShowHorizontalsByDefault,
            FilterPlot = campaign.Plot.FilterPlot,
            RandomShare = campaign.Queue.RandomShare,
            GoldRateNewcomer = campaign.Queue.GoldRateNewcomer,
            NewcomerClassifications = campaign.Queue.NewcomerClassifications,
            GoldRateExperienced = campaign.Queue.GoldRateExperienced,
            ModelVoteEnabled = campaign.ModelVoteEnabled,
            PrimaryConsensusMethod = campaign.PrimaryConsensusMethod,
        };
    }

    /// <summary>Copies these (validated) settings onto a campaign, trimmed as they are stored.</summary>
    public void ApplyTo(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        campaign.Name = Name.Trim();
        campaign.Description = (Description ?? string.Empty).Trim();
        campaign.AnswerChoices = CampaignSettingsValidator.CleanChoices(AnswerChoices);
        campaign.Status = Status;
        campaign.Retirement = new RetirementSettings
        {
            MaxVotes = MaxVotes,
            EarlyConsensusEnabled = EarlyConsensusEnabled,
            EarlyConsensusRules = (EarlyConsensusRules ?? string.Empty).Trim(),
        };
        campaign.Audio = new AudioSettingsRecord { BandLowHz = BandLowHz, BandHighHz = BandHighHz, SpeedUp = SpeedUp, Compression = Compression };
        campaign.Plot = new PlotSettingsRecord { FixedAmplitudeLimit = FixedAmplitudeLimit, ShowHorizontalsByDefault = ShowHorizontalsByDefault, FilterPlot = FilterPlot };
        campaign.Queue = new QueueSettings
        {
            RandomShare = RandomShare,
            GoldRateNewcomer = GoldRateNewcomer,
            NewcomerClassifications = NewcomerClassifications,
            GoldRateExperienced = GoldRateExperienced,
        };
        campaign.ModelVoteEnabled = ModelVoteEnabled;
        campaign.PrimaryConsensusMethod = PrimaryConsensusMethod.Trim().ToLowerInvariant();
    }
}
