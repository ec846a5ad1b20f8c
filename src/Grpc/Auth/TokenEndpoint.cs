using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Mediator;
using PesanAI.Application.Team;
using PesanAI.Domain.Common;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PesanAI.Host.Auth;

/// <summary>
/// <c>POST /connect/token</c>: the client-credentials grant. OpenIddict has already authenticated the
/// client and checked its requested scopes against its permissions; this builds the token's claims.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, IssueAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications, ISender sender)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        if (!request.IsClientCredentialsGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
        if (application is null)
        {
            return Refuse(Errors.InvalidClient, "The client is unknown.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application, context.RequestAborted));
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.RequestAborted));

        var properties = await applications.GetPropertiesAsync(application, context.RequestAborted);
        foreach (var claim in new[] { PesanAiClaims.Kind, PesanAiClaims.TenantId, PesanAiClaims.MemberId })
        {
            if (properties.TryGetValue(claim, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                identity.SetClaim(claim, value.GetString());
            }
        }

        // Scopes are checked here rather than by OpenIddict so that every refusal is OAuth's invalid_scope.
        // No scope asked for: grant every scope the credential is permitted.
        var permitted = (await applications.GetPermissionsAsync(application, context.RequestAborted))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .ToHashSet();
        var requested = request.GetScopes();
        if (requested.FirstOrDefault(s => !permitted.Contains(s)) is { } excess)
        {
            return Refuse(Errors.InvalidScope, $"The client may not ask for '{excess}'.");
        }

        var scopes = requested.IsEmpty ? [.. permitted] : requested;

        // A tenant's credential: the tenant's record decides (revoked? member still on the team? role's scopes?).
        if (Guid.TryParse(identity.GetClaim(PesanAiClaims.TenantId), out var tenantId))
        {
            try
            {
                var grant = await sender.Send(
                    new AuthorizeCredential(tenantId, request.ClientId!, [.. request.GetScopes()]), context.RequestAborted);
                scopes = [.. grant.Scopes];
                if (grant.Role is { } role)
                {
                    identity.SetClaim(PesanAiClaims.Role, role.ToString().ToLowerInvariant());
                }
            }
            catch (DomainException refused)
            {
                return Refuse(
                    refused.Reason == AuthorizeCredential.ScopeRefusedReason ? Errors.InvalidScope : Errors.InvalidClient,
                    refused.Message);
            }
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
