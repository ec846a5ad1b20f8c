using Google.Protobuf;
using global::Grpc.Core;
using PesanAI.Application.Common;
using PesanAI.Host.Interceptors;

namespace PesanAI.Host.Decoding;

/// <summary>
/// Wraps a method's request deserializer: bytes that are not a request of the method answer INVALID_ARGUMENT
/// (grpc-dotnet would answer UNKNOWN, as for a crash), and a request that decodes is checked by
/// <see cref="RequestShape"/> before any interceptor or handler sees it. The happy path adds one descriptor walk.
/// </summary>
public static class CheckedRequestMarshaller
{
    public static Marshaller<TRequest> Wrap<TRequest>(Marshaller<TRequest> marshaller)
    {
        ArgumentNullException.ThrowIfNull(marshaller);
        var deserialize = marshaller.ContextualDeserializer;
        return new Marshaller<TRequest>(marshaller.ContextualSerializer, context => Decode(deserialize, context));
    }

    private static TRequest Decode<TRequest>(Func<DeserializationContext, TRequest> deserialize, DeserializationContext context)
    {
        TRequest request;
        try
        {
            request = deserialize(context);
        }
        catch (InvalidProtocolBufferException ex)
        {
            // The parser's message names the defect ("String is invalid UTF-8."), never the content.
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The request could not be decoded: {ex.Message}"));
        }

        if (request is IMessage message && RequestShape.Violations(message) is { Count: > 0 } violations)
        {
            throw ExceptionInterceptor.InvalidArgument(new ValidationException(violations));
        }

        return request;
    }
}
