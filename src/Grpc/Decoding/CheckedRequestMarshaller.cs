using Google.Protobuf;
using global::Grpc.Core;

namespace PesanAI.Host.Decoding;

/// <summary>
/// Wraps a method's request deserializer: bytes that are not a request of the method answer INVALID_ARGUMENT
/// (grpc-dotnet would answer UNKNOWN, as for a crash). The happy path adds nothing but a try block.
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

        return request;
    }
}
