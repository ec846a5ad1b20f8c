namespace PesanAI.Application.Common;

/// <summary>The caller is known but may not do this. The API answers PERMISSION_DENIED.</summary>
public sealed class PermissionDeniedException : Exception
{
    public PermissionDeniedException()
        : base("The caller may not do this.")
    {
    }

    public PermissionDeniedException(string message)
        : base(message)
    {
    }

    public PermissionDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
