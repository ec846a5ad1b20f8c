using System.Text;

namespace PesanAI.Client;

/// <summary>
/// Where the PesanAI API is and which OAuth 2.0 client calls it. Bind it from configuration or build it in code,
/// then pass it to <see cref="PesanAiChannel.Create(PesanAiClientOptions, HttpClient, TimeProvider?)"/>.
/// </summary>
public sealed record PesanAiClientOptions
{
    /// <summary>
    /// The gRPC address, for example <c>https://api.pesanai.id</c>, or <c>http://127.0.0.1:5001</c>
    /// for the server's plaintext HTTP/2 port on loopback.
    /// </summary>
    public required Uri GrpcAddress { get; init; }

    /// <summary>The server's HTTP base address; tokens come from <c>{TokenEndpointBase}/connect/token</c>.</summary>
    public required Uri TokenEndpointBase { get; init; }

    /// <summary>The OAuth 2.0 client id issued to the caller.</summary>
    public required string ClientId { get; init; }

    /// <summary>The OAuth 2.0 client secret. Never printed by <see cref="ToString"/>.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The scopes to ask for; empty to get the client's default scopes.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    // Keeps the secret out of logs that print the options (a record prints every property by default).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"GrpcAddress = {GrpcAddress}, TokenEndpointBase = {TokenEndpointBase}, ClientId = {ClientId}, ");
        builder.Append($"ClientSecret = ***, Scopes = [{string.Join(' ', Scopes)}]");
        return true;
    }
}
