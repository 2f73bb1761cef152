package home.connected.gateway.session;

import com.google.protobuf.DynamicMessage;
import io.grpc.Status;
import org.springframework.http.HttpHeaders;

/**
 * How one REST call carries the refresh token: in the JSON body, as every client does, or for a
 * browser that asked for cookie mode in an HttpOnly cookie the page's scripts cannot read.
 */
public interface RefreshTokenTransport {

    /** The token stays in the body: nothing is changed. */
    RefreshTokenTransport IN_BODY = new RefreshTokenTransport() {
        @Override
        public DynamicMessage request(DynamicMessage request) {
            return request;
        }

        @Override
        public byte[] response(byte[] response, HttpHeaders headers) {
            return response;
        }

        @Override
        public void failed(Status status, HttpHeaders headers) {}
    };

    /**
     * The request message as the backend is to receive it.
     *
     * @throws io.grpc.StatusRuntimeException when the call needs a token and there is none
     */
    DynamicMessage request(DynamicMessage request);

    /** The serialised response message as the client is to receive it; may add headers to the answer. */
    byte[] response(byte[] response, HttpHeaders headers);

    /** The call failed with this status; may add headers to the error answer. */
    void failed(Status status, HttpHeaders headers);
}
