using Grpc.Core;
using Grpc.Net.Client;

namespace PesanAI.Client;

/// <summary>Creates gRPC channels to the PesanAI API whose calls carry an OAuth 2.0 bearer token.</summary>
public static class PesanAiChannel
{
    /// <summary>The largest response message a channel accepts by default: 16 MB.</summary>
    public const int DefaultMaxReceiveMessageSize = 16 * 1024 * 1024;

    /// <summary>
    /// Creates a channel to <paramref name="grpcAddress"/> that sends <c>authorization: Bearer &lt;token&gt;</c>
    /// with every call, the token coming from <paramref name="tokens"/>.
    /// </summary>
    /// <param name="grpcAddress">
    /// An <c>https</c> address, or an <c>http</c> one for the server's plaintext HTTP/2 (h2c) port, which is meant
    /// for loopback only: over <c>http</c> the token travels unencrypted.
    /// </param>
    /// <param name="tokens">Supplies the access tokens; share one provider between the channels of one client.</param>
    /// <param name="configure">Adjusts the options last, for example to set a logger factory or a retry policy.</param>
    /// <returns>A channel for the generated clients, for example <c>new TenantService.TenantServiceClient(channel)</c>. The caller disposes it.</returns>
    public static GrpcChannel Create(Uri grpcAddress, PesanAiTokenProvider tokens, Action<GrpcChannelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(grpcAddress);
        ArgumentNullException.ThrowIfNull(tokens);

        var bearer = CallCredentials.FromInterceptor(async (context, metadata) =>
        {
            var token = await tokens.GetAccessTokenAsync(context.CancellationToken).ConfigureAwait(false);
            metadata.Add("authorization", $"Bearer {token}");
        });

        // grpc-dotnet drops call credentials on a plaintext channel unless told otherwise.
        var plaintext = grpcAddress.Scheme == Uri.UriSchemeHttp;
        var options = new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(plaintext ? ChannelCredentials.Insecure : ChannelCredentials.SecureSsl, bearer),
            UnsafeUseInsecureChannelCallCredentials = plaintext,
            MaxReceiveMessageSize = DefaultMaxReceiveMessageSize,
        };
        configure?.Invoke(options);
        return GrpcChannel.ForAddress(grpcAddress, options);
    }

    /// <summary>Creates a channel and its token provider from <paramref name="options"/>.</summary>
    /// <param name="options">The gRPC address, the token endpoint and the client's credentials.</param>
    /// <param name="tokenHttpClient">Sends the token requests. The caller owns it and disposes it.</param>
    /// <param name="timeProvider">The clock for token renewal; <see cref="TimeProvider.System"/> by default.</param>
    /// <returns>A channel for the generated clients. The caller disposes it.</returns>
    public static GrpcChannel Create(PesanAiClientOptions options, HttpClient tokenHttpClient, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.GrpcAddress, new PesanAiTokenProvider(tokenHttpClient, options, timeProvider));
    }
}
