namespace QuakeDetective.Web.Components.Pages.Classify;

/// <summary>
/// The subject on screen, carried from the prerendered page to the interactive one (Blazor persistent state, protected
/// by data protection), so the volunteer keeps the subject and its idempotency key instead of a second queue pick.
/// </summary>
public sealed class ClassifySnapshot
{
    public long SubjectId { get; set; }

    public int CampaignId { get; set; }

    public List<string> Choices { get; set; } = [];

    public string Key { get; set; } = string.Empty;

    public DateTime ShownAt { get; set; }

    public string Reason { get; set; } = string.Empty;
}
