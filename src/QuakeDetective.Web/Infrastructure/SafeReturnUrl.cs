namespace QuakeDetective.Web.Infrastructure;

/// <summary>Only local paths are followed after sign-in, so a crafted link cannot send people elsewhere.</summary>
public static class SafeReturnUrl
{
    public static string From(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) &&
        !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
