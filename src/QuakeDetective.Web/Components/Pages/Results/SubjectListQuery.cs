using System.Globalization;
using QuakeDetective.Core.Results;

namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>The subject list's filters as they travel in the query string, and back into links (sorting, paging).</summary>
public sealed record SubjectListQuery(
    string? Method,
    string? Label,
    string? MinConfidence,
    string? MaxConfidence,
    string? Station,
    string? From,
    string? To,
    string? Status,
    bool Gold,
    bool Disagree,
    string? Sort,
    string? Order,
    int Page)
{
    public SubjectFilter ToFilter(int campaignId) => new()
    {
        CampaignId = campaignId,
        Method = Method,
        Label = string.IsNullOrWhiteSpace(Label) ? null : Label,
        MinConfidence = Share(MinConfidence),
        MaxConfidence = Share(MaxConfidence),
        Station = string.IsNullOrWhiteSpace(Station) ? null : Station,
        From = Date(From),
        To = Date(To)?.AddDays(1),
        Status = Status,
        GoldOnly = Gold,
        DisagreesWithGold = Disagree,
        Sort = Enum.TryParse<SubjectSort>(Sort, ignoreCase: true, out var sort) ? sort : SubjectSort.Id,
        Descending = string.Equals(Order, "desc", StringComparison.OrdinalIgnoreCase),
        Page = Math.Max(1, Page),
        PageSize = 50,
    };

    /// <summary>The query string for this filter with some values changed (null removes a value).</summary>
    public string With(string? sort = null, string? order = null, int? page = null)
    {
        var pairs = new List<(string, string?)>
        {
            ("method", Method), ("label", Label), ("min", MinConfidence), ("max", MaxConfidence), ("station", Station),
            ("from", From), ("to", To), ("status", Status), ("gold", Gold ? "true" : null), ("disagree", Disagree ? "true" : null),
            ("sort", sort ?? Sort), ("order", order ?? Order), ("page", (page ?? Page) > 1 ? (page ?? Page).ToString(CultureInfo.InvariantCulture) : null),
        };
        return "?" + string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    }

    /// <summary>Link for a column header: sorts by it, flipping the order when it is already the sort column.</summary>
    public string SortLink(SubjectSort column)
    {
        var current = Enum.TryParse<SubjectSort>(Sort, ignoreCase: true, out var s) ? s : SubjectSort.Id;
        var descending = string.Equals(Order, "desc", StringComparison.OrdinalIgnoreCase);
        var order = current == column ? (descending ? "asc" : "desc") : (column is SubjectSort.Confidence or SubjectSort.Agreement or SubjectSort.Votes ? "desc" : "asc");
        return With(sort: column.ToString().ToLowerInvariant(), order: order, page: 1);
    }

    private static double? Share(string? text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return value > 1 ? value / 100 : value; // "80" means 80 %
    }

    private static DateTime? Date(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc)
            : null;
}
