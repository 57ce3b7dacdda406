using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Core.Accounts;

/// <summary>Creating administrators: from configuration, from the one-time setup link, or from `quake admin create`.</summary>
public sealed class AdminAccountService(UserManager<QuakeUser> users, RoleManager<IdentityRole> roles, DataFolder dataFolder, TimeProvider time)
{
    private string SetupTokenFile => Path.Combine(dataFolder.Root, "setup-token.sha256");

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    public async Task<bool> AnyAdminAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0;

    /// <summary>Creates the account, or gives an existing account the Admin role (its password is left as it is).</summary>
    public async Task<AdminCreateResult> CreateOrPromoteAsync(string email, string password)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return AdminCreateResult.Failed($"'{email}' is not an e-mail address.");
        }

        await EnsureRolesAsync();
        var user = await users.FindByEmailAsync(email);
        var created = false;
        if (user is null)
        {
            user = new QuakeUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return AdminCreateResult.Failed(string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            created = true;
        }

        foreach (var role in new[] { Roles.Volunteer, Roles.Scientist, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                Check(await users.AddToRoleAsync(user, role), $"add {email} to {role}");
            }
        }

        return new AdminCreateResult(true, created, null);
    }

    /// <summary>Creates a one-time setup token (only its hash is stored) while no administrator exists.</summary>
    public string CreateSetupToken()
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        Directory.CreateDirectory(dataFolder.Root);
        File.WriteAllText(SetupTokenFile, Hash(token));
        return token;
    }

    public bool IsValidSetupToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || !File.Exists(SetupTokenFile))
        {
            return false;
        }

        var stored = File.ReadAllText(SetupTokenFile).Trim();
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(Hash(token)));
    }

    /// <summary>Uses the setup link: creates the first admin and invalidates the token.</summary>
    public async Task<AdminCreateResult> CompleteSetupAsync(string token, string email, string password)
    {
        if (!IsValidSetupToken(token))
        {
            return AdminCreateResult.Failed("This setup link is not valid (it may have been used already). Restart the site to print a new one while no administrator exists.");
        }

        var result = await CreateOrPromoteAsync(email, password);
        if (result.Succeeded)
        {
            File.Delete(SetupTokenFile);
        }

        return result;
    }

    public void DeleteSetupToken()
    {
        if (File.Exists(SetupTokenFile))
        {
            File.Delete(SetupTokenFile);
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
