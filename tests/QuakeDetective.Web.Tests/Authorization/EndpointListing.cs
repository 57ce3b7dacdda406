using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Tests;

namespace QuakeDetective.Web.Tests.Authorization;

/// <summary>Every routable page and endpoint of the running app, as "METHOD /pattern", from the endpoint data source.</summary>
public static class EndpointListing
{
    public static IReadOnlyList<(string Method, string Pattern)> All(QuakeWebFactory factory)
    {
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var list = new SortedSet<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (IsFrameworkOrStatic(endpoint, pattern))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : ["GET"])
            {
                list.Add((method, pattern));
            }
        }

        return [.. list];
    }

    private static bool IsFrameworkOrStatic(RouteEndpoint endpoint, string pattern) =>
        pattern.StartsWith("/_blazor", StringComparison.Ordinal) ||
        pattern.StartsWith("/_framework", StringComparison.Ordinal) ||
        pattern.Contains(":file}", StringComparison.Ordinal) ||
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor") ||
        endpoint.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true && pattern.Contains('.', StringComparison.Ordinal);
}
