namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>One bar of a bar chart: its axis label, value, tooltip, and a CSS class for its colour.</summary>
public sealed record ChartBar(string Label, double Value, string? Tooltip = null, string? CssClass = null);
