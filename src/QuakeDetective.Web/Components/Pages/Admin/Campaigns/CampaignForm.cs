using System.Globalization;
using QuakeDetective.Core.Campaigns;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Components.Pages.Admin.Campaigns;

/// <summary>
/// What the campaign editor posts: numbers as text (so that "abc" or "1e999" comes back as a message beside the field,
/// not as a binding failure), answer choices one per line. Booleans default to false because an unticked box posts
/// nothing. <see cref="ToInput"/> turns it into settings for <see cref="CampaignService"/>.
/// </summary>
public sealed class CampaignForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public CampaignStatus Status { get; set; }

    /// <summary>One answer per line, in button order.</summary>
    public string? AnswerChoicesText { get; set; }

    public string? MaxVotes { get; set; }

    public bool EarlyConsensusEnabled { get; set; }

    public string? EarlyConsensusRules { get; set; }

    public string? BandLowHz { get; set; }

    public string? BandHighHz { get; set; }

    public string? SpeedUp { get; set; }

    public bool Compression { get; set; }

    /// <summary>Empty: each subject scaled to its own peak.</summary>
    public string? FixedAmplitudeLimit { get; set; }

    public bool ShowHorizontalsByDefault { get; set; }

    public bool FilterPlot { get; set; }

    public string? RandomShare { get; set; }

    public string? GoldRateNewcomer { get; set; }

    public string? NewcomerClassifications { get; set; }

    public string? GoldRateExperienced { get; set; }

    public bool ModelVoteEnabled { get; set; }

    public string? PrimaryConsensusMethod { get; set; }

    /// <summary>The form field that shows a problem of a <see cref="CampaignSettingsInput"/> property.</summary>
    public static string FieldFor(string settingsField) =>
        settingsField == nameof(CampaignSettingsInput.AnswerChoices) ? nameof(AnswerChoicesText) : settingsField;

    public static CampaignForm From(CampaignSettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new CampaignForm
        {
            Name = input.Name,
            Description = input.Description,
            Status = input.Status,
            AnswerChoicesText = string.Join('\n', input.AnswerChoices),
            MaxVotes = Text(input.MaxVotes),
            EarlyConsensusEnabled = input.EarlyConsensusEnabled,
            EarlyConsensusRules = input.EarlyConsensusRules,
            BandLowHz = Text(input.BandLowHz),
            BandHighHz = Text(input.BandHighHz),
            SpeedUp = Text(input.SpeedUp),
            Compression = input.Compression,
            FixedAmplitudeLimit = input.FixedAmplitudeLimit is { } limit ? Text(limit) : string.Empty,
            ShowHorizontalsByDefault = input.ShowHorizontalsByDefault,
            FilterPlot = input.FilterPlot,
            RandomShare = Text(input.RandomShare),
            GoldRateNewcomer = Text(input.GoldRateNewcomer),
            NewcomerClassifications = Text(input.NewcomerClassifications),
            GoldRateExperienced = Text(input.GoldRateExperienced),
            ModelVoteEnabled = input.ModelVoteEnabled,
            PrimaryConsensusMethod = input.PrimaryConsensusMethod,
        };
    }

    /// <summary>The settings typed in, and a problem (form field, message) for every value that is not a number.</summary>
    public (CampaignSettingsInput Input, IReadOnlyList<CampaignFieldError> Errors) ToInput()
    {
        var errors = new List<CampaignFieldError>();
        var input = new CampaignSettingsInput
        {
            Name = Name ?? string.Empty,
            Description = Description ?? string.Empty,
            Status = Status,
            AnswerChoices = [.. (AnswerChoicesText ?? string.Empty).ReplaceLineEndings("\n").Split('\n')],
            MaxVotes = Integer(MaxVotes, nameof(MaxVotes), "The vote limit", errors),
            EarlyConsensusEnabled = EarlyConsensusEnabled,
            EarlyConsensusRules = EarlyConsensusRules ?? string.Empty,
            BandLowHz = Number(BandLowHz, nameof(BandLowHz), "The band-pass low corner", errors),
            BandHighHz = Number(BandHighHz, nameof(BandHighHz), "The band-pass high corner", errors),
            SpeedUp = Number(SpeedUp, nameof(SpeedUp), "The speed-up", errors),
            Compression = Compression,
            FixedAmplitudeLimit = string.IsNullOrWhiteSpace(FixedAmplitudeLimit) ? null : Number(FixedAmplitudeLimit, nameof(FixedAmplitudeLimit), "The fixed amplitude limit", errors),
            ShowHorizontalsByDefault = ShowHorizontalsByDefault,
            FilterPlot = FilterPlot,
            RandomShare = Number(RandomShare, nameof(RandomShare), "The random share", errors),
            GoldRateNewcomer = Number(GoldRateNewcomer, nameof(GoldRateNewcomer), "The newcomers' gold rate", errors),
            NewcomerClassifications = Integer(NewcomerClassifications, nameof(NewcomerClassifications), "The newcomer stage", errors),
            GoldRateExperienced = Number(GoldRateExperienced, nameof(GoldRateExperienced), "The experienced volunteers' gold rate", errors),
            ModelVoteEnabled = ModelVoteEnabled,
            PrimaryConsensusMethod = PrimaryConsensusMethod ?? string.Empty,
        };
        return (input, errors);
    }

    private static double Number(string? text, string field, string what, List<CampaignFieldError> errors)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(new CampaignFieldError(field, trimmed.Length == 0 ? $"{what} is empty; type a number." : $"{what} '{Shorten(trimmed)}' is not a number (use a dot for decimals, e.g. 0.5)."));
        return double.NaN;
    }

    private static int Integer(string? text, string field, string what, List<CampaignFieldError> errors)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new CampaignFieldError(field, trimmed.Length == 0 ? $"{what} is empty; type a whole number." : $"{what} '{Shorten(trimmed)}' is not a whole number."));
        return int.MinValue;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
