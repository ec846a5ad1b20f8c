using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace PesanAI.FunctionalTests.Matrices;

/// <summary>Calls any RPC by name with a serialized request, so matrices can enumerate methods by reflection.</summary>
internal static class RawRpc
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static async Task<(StatusCode Code, IReadOnlyList<byte[]> Responses)> Call(
        GrpcChannel channel, string service, string method, bool serverStreaming, IMessage request, string token)
    {
        var invoker = channel.CreateCallInvoker();
        // A stream that would run on (a watch) is cut by the deadline: what it sent until then is its answer.
        var options = new CallOptions(
            new Metadata { { "authorization", $"Bearer {token}" } },
            DateTime.UtcNow.AddSeconds(serverStreaming ? 3 : 30));
        var replies = new List<byte[]>();
        try
        {
            if (RpcCatalog.IsClientStreaming(service, method))
            {
                using var upload = invoker.AsyncClientStreamingCall(new Method<byte[], byte[]>(MethodType.ClientStreaming, service, method, Bytes, Bytes), null, options);
                try
                {
                    await upload.RequestStream.WriteAsync(request.ToByteArray());
                    foreach (var next in RpcCatalog.Entries[$"{service}/{method}"].Following ?? [])
                    {
                        await upload.RequestStream.WriteAsync(next.ToByteArray());
                    }

                    await upload.RequestStream.CompleteAsync();
                }
                catch (Exception ex) when (ex is RpcException or InvalidOperationException)
                {
                    // The server may answer (PERMISSION_DENIED) before it reads the stream: a write then fails with the
                    // client's own status; the call's answer, awaited below, says why it ended.
                }

                return (StatusCode.OK, [await upload.ResponseAsync]);
            }

            if (!serverStreaming)
            {
                var reply = await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, service, method, Bytes, Bytes), null, options, request.ToByteArray());
                return (StatusCode.OK, [reply]);
            }

            using var call = invoker.AsyncServerStreamingCall(
                new Method<byte[], byte[]>(MethodType.ServerStreaming, service, method, Bytes, Bytes), null, options, request.ToByteArray());
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                replies.Add(call.ResponseStream.Current);
            }

            return (StatusCode.OK, replies);
        }
        catch (RpcException ex) when (serverStreaming && ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            return (StatusCode.OK, replies);
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, []);
        }
    }
}
