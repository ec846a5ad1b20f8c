using OpenIddict.Abstractions;
using OpenIddict.Server;
using PesanAI.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PesanAI.Host.Auth;

/// <summary>
/// The token endpoint answers an unknown client id exactly as a known one with a wrong secret: the same body, and
/// the same secret hashing first, so neither the answer nor its timing tells which client ids exist.
/// </summary>
public static class UnknownClients
{
    public const string InvalidClientDescription = "The client credentials are invalid.";

    public static IEnumerable<OpenIddictServerHandlerDescriptor> Handlers => [UnknownClientCost.Descriptor, SameInvalidClientAnswer.Descriptor];

    /// <summary>Runs just before OpenIddict's own client id check.</summary>
    public sealed class UnknownClientCost(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseScopedHandler<UnknownClientCost>()
                .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order - 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.EndpointType != OpenIddictServerEndpointType.Token || string.IsNullOrEmpty(context.ClientId))
            {
                return;
            }

            if (await applications.FindByClientIdAsync(context.ClientId, context.CancellationToken) is null)
            {
                var cost = applications as IUnknownClientCost
                    ?? throw new InvalidOperationException("The application manager must be EqualCostApplicationManager.");
                await cost.SpendSecretCheckAsync(context.ClientSecret ?? string.Empty, context.CancellationToken);
            }
        }
    }

    /// <summary>OpenIddict words "unknown client id" and "wrong secret" differently; both become one answer.</summary>
    public sealed class SameInvalidClientAnswer : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
                .UseSingletonHandler<SameInvalidClientAnswer>()
                .SetOrder(int.MinValue + 100_000)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.Response.Error == Errors.InvalidClient)
            {
                context.Response.ErrorDescription = InvalidClientDescription;
                context.Response.ErrorUri = null;
            }

            return ValueTask.CompletedTask;
        }
    }
}
