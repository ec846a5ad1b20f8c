using System.Net;
using System.Net.Sockets;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// A tenant admin chooses the AI provider's base URL: without a guard, PesanAI would call whatever it names, including
/// its own network (cloud metadata at 169.254.169.254, the database's host, services on loopback). The AI client's
/// connections go only to public addresses, checked on the address actually connected to (so a host name that
/// resolves, or later re-resolves, to a private address is refused too), unless the operator allows private networks
/// (<c>PESANAI_AI_ALLOW_PRIVATE_NETWORKS=true</c>, e.g. for an Ollama beside PesanAI).
/// </summary>
public static class ProviderNetworkGuard
{
    public const string AllowPrivateSetting = "PESANAI_AI_ALLOW_PRIVATE_NETWORKS";

    public static SocketsHttpHandler Handler(bool allowPrivateNetworks) => Handler(
        _ => allowPrivateNetworks,
        () => new HttpRequestException(
            $"The AI provider's host has no public address; private, loopback and link-local addresses are refused unless {AllowPrivateSetting}=true."));

    /// <summary>
    /// A handler that connects only to public addresses, except to hosts <paramref name="mayBePrivate"/> trusts; a host
    /// with no address it may use fails the request with <paramref name="refusal"/>.
    /// </summary>
    public static SocketsHttpHandler Handler(Func<string, bool> mayBePrivate, Func<Exception> refusal) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = mayBePrivate(context.DnsEndPoint.Host) ? addresses : addresses.Where(IsPublic).ToArray();
            if (allowed.Length == 0)
            {
                throw refusal();
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>False for loopback, private, link-local, shared (CGNAT), unspecified, multicast and other non-routable ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] is < 64 or > 127,
            169 => b[1] != 254,
            172 => b[1] is < 16 or > 31,
            192 => !(b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99)),
            198 => b[1] is not (18 or 19) && !(b[1] == 51 && b[2] == 100),
            203 => !(b[1] == 0 && b[2] == 113),
            >= 224 => false,
            _ => true,
        };
    }
}
