using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Web.Endpoints;

public static class HealthEndpoint
{
    /// <summary>GET /health: 200 when the database answers, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IDbContextFactory<QuakeDbContext> dbFactory, CancellationToken ct) =>
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                // A real query, so that a missing schema counts as unhealthy too.
                await db.Campaigns.AnyAsync(ct);
                return Results.Ok(new { status = "healthy", database = db.Database.ProviderName });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Json(new { status = "unhealthy", database = ex.GetType().Name }, statusCode: 503);
            }
        }).AllowAnonymous();
        return app;
    }
}
