using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace PesanAI.FunctionalTests.Input;

/// <summary>Sends raw request bytes to any RPC and returns how the server answered, with its BadRequest if any.</summary>
internal static class RawCall
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static async Task<(StatusCode Code, BadRequest? BadRequest)> Send(
        GrpcChannel channel, string rpc, bool serverStreaming, byte[] body, string token)
    {
        var (service, method) = (rpc[..rpc.LastIndexOf('/')], rpc[(rpc.LastIndexOf('/') + 1)..]);
        var options = new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } }, DateTime.UtcNow.AddSeconds(10));
        var invoker = channel.CreateCallInvoker();
        try
        {
            if (serverStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(
                    new Method<byte[], byte[]>(MethodType.ServerStreaming, service, method, Bytes, Bytes), null, options, body);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, service, method, Bytes, Bytes), null, options, body);
            }

            return (StatusCode.OK, null);
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ex.GetRpcStatus()?.GetDetail<BadRequest>());
        }
    }
}
