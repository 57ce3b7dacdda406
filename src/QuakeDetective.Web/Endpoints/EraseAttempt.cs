using QuakeDetective.Core.Privacy;

namespace QuakeDetective.Web.Endpoints;

/// <summary>The answer to a request to delete one's data: an HTTP status, a sentence for the person, and what was done.</summary>
public sealed record EraseAttempt(int StatusCode, string Message, ErasureResult? Result)
{
    public bool Succeeded => StatusCode == StatusCodes.Status200OK;
}
