namespace PesanAI.Application.Common;

/// <summary>The store cannot answer consistently right now; the caller should retry. The API answers UNAVAILABLE.</summary>
public sealed class UnavailableException : Exception
{
    public UnavailableException()
        : base("Temporarily unavailable; retry.")
    {
    }

    public UnavailableException(string message)
        : base(message)
    {
    }

    public UnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
