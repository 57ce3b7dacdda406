using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>How consensus methods are named on the pages.</summary>
public static class MethodNames
{
    public static string Display(string method) => method switch
    {
        AggregationMethods.Majority => "Majority",
        AggregationMethods.Weighted => "Weighted",
        AggregationMethods.DawidSkene => "Dawid–Skene",
        _ => method,
    };

    public static string Valid(string? method, string fallback) =>
        method is not null && AggregationMethods.All.Contains(method) ? method : fallback;
}
