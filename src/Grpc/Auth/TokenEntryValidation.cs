using OpenIddict.Abstractions;
using OpenIddict.Validation;
using PesanAI.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace PesanAI.Host.Auth;

/// <summary>
/// Token entry validation on every call, as OpenIddict's own two handlers do it (an entry must exist, not belong
/// to a reference token, and still be valid; its dates, authorization and type replace the token's), in one
/// lookup through <see cref="TokenEntries"/> instead of OpenIddict's EF Core store.
/// </summary>
public sealed class TokenEntryValidation(TokenEntries entries) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<TokenEntryValidation>()
            .SetOrder(RestoreTokenEntryProperties.Descriptor.Order)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    /// <summary>The built-in handlers this one replaces.</summary>
    public static IEnumerable<OpenIddictValidationHandlerDescriptor> Replaced =>
        [RestoreTokenEntryProperties.Descriptor, ValidateTokenEntry.Descriptor];

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A token without an entry id is judged by its signature, issuer and lifetime alone (as the built-in does).
        if (context.Principal?.GetTokenId() is not { Length: > 0 } tokenId)
        {
            return;
        }

        var entry = await entries.FindAsync(tokenId, context.CancellationToken);
        if (entry is null || (!context.IsReferenceToken && !string.IsNullOrEmpty(entry.ReferenceId)))
        {
            context.Reject(Errors.InvalidToken, "The token is no longer valid.");
            return;
        }

        context.Principal
            .SetCreationDate(entry.CreationDate)
            .SetExpirationDate(entry.ExpirationDate)
            .SetAuthorizationId(context.AuthorizationId = entry.AuthorizationId)
            .SetTokenId(context.TokenId = tokenId)
            .SetTokenType(entry.Type);

        if (entry.Status != Statuses.Valid)
        {
            context.Logger.LogInformation("Token entry {TokenId} is {Status}: rejected", tokenId, entry.Status);
            context.Reject(Errors.InvalidToken, "The token is no longer valid.");
        }
    }
}
