package io.chainwatch.collector.ethereum;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactivex.Flowable;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

/**
 * web3j's transport for one node's HTTP JSON-RPC endpoint, over the collector's shared {@link OkHttpClient}. web3j's
 * typed requests ({@code web3j.ethBlockNumber()}, {@code web3j.newBatch()} ...) are sent through it and answered with
 * web3j's typed responses, read with web3j's own {@link ObjectMapperFactory#getObjectMapper() object mapper}.
 *
 * <p>Unlike web3j's {@code HttpService} it is strict about what an answer must be, and says so in plain words: an
 * HTTP status other than 2xx (a redirect included: never followed) is a {@link HttpStatusException}; a batch answered
 * with anything but a JSON array of answers, each with an id that was asked for, is a {@link NotABatchAnswer}; an
 * answer whose result does not fit its request's type names the method and the value. An answer that is not JSON at
 * all throws Jackson's exception (see {@link PollFailure}). A poll is synchronous (its own thread waits); only
 * {@link #sendAsync} (a {@link SilenceWatch} check, or the check whether a backing-off node answers again) is not.
 */
final class JsonRpcService implements Web3jService {

    /** web3j's mapper (Jackson 2, with web3j's deserializers); thread-safe once configured. */
    static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    /** The node answered with an HTTP status other than 2xx. */
    static final class HttpStatusException extends PollFailure.MalformedAnswerException {
        final int status;

        HttpStatusException(String url, int status) {
            super(url + " answered with HTTP status " + status);
            this.status = status;
        }
    }

    /** A batch request was not answered with one JSON-RPC answer per request (e.g. one error for the whole batch). */
    static final class NotABatchAnswer extends PollFailure.MalformedAnswerException {
        NotABatchAnswer(String message) {
            super(message);
        }
    }

    /** An answer in a batch whose result does not fit its request; {@link #failure} says why. */
    static final class Unreadable extends Response<Object> {
        final PollFailure.MalformedAnswerException failure;

        Unreadable(long id, PollFailure.MalformedAnswerException failure) {
            this.failure = failure;
            setId(id);
        }
    }

    private final String rpcUrl;
    private final HttpUrl url;
    private final OkHttpClient http;

    JsonRpcService(String rpcUrl, HttpUrl url, OkHttpClient http) {
        this.rpcUrl = rpcUrl;
        this.url = url;
        this.http = http;
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        JsonNode answer = post(write(List.<Request<?, ?>>of((Request<?, ?>) request), false));
        if (answer == null || !answer.isObject()) {
            throw new PollFailure.MalformedAnswerException(rpcUrl + " did not answer " + request.getMethod()
                    + " with a JSON-RPC answer");
        }
        return convert(answer, request, responseType);
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batch) throws IOException {
        List<Request<?, ? extends Response<?>>> requests = batch.getRequests();
        JsonNode answer = post(write(requests, true));
        if (answer == null || !answer.isArray() || answer.size() > requests.size()) {
            throw new NotABatchAnswer(rpcUrl + " did not answer the batch request with one JSON-RPC answer per request");
        }
        Map<Long, Request<?, ? extends Response<?>>> byId = new HashMap<>();
        for (Request<?, ? extends Response<?>> request : requests) {
            byId.put(request.getId(), request);
        }
        List<Response<?>> responses = new ArrayList<>(answer.size());
        for (JsonNode element : answer) {
            if (!element.isObject()) {
                throw new PollFailure.MalformedAnswerException(rpcUrl
                        + " did not answer with JSON-RPC: an element of the batch answer is not an object");
            }
            JsonNode id = element.get("id");
            Request<?, ? extends Response<?>> request = id != null && (id.isIntegralNumber() || id.isTextual())
                    ? byId.get(id.asLong(-1)) : null;
            if (request == null) {
                throw new PollFailure.MalformedAnswerException(rpcUrl
                        + " answered with a JSON-RPC id (" + id + ") that was not asked for");
            }
            try {
                responses.add(convert(element, request, request.getResponseType()));
            } catch (PollFailure.MalformedAnswerException e) {
                // reported when the probe reads this method: the answers are read in the order the poll needs them
                responses.add(new Unreadable(request.getId(), e));
            }
        }
        return new BatchResponse(requests, responses);
    }

    /** A JSON-RPC answer as web3j's typed response; a result that does not fit names the method and the value. */
    private <T extends Response> T convert(JsonNode answer, Request<?, ?> request, Class<T> responseType) {
        try {
            return JSON.treeToValue(answer, responseType);
        } catch (IOException | RuntimeException e) {
            throw malformed(rpcUrl, request.getMethod(), answer.get("result"));
        }
    }

    /** The JSON text of one request, or of a batch of them (the ids web3j gave them). */
    private static String write(List<? extends Request<?, ?>> requests, boolean batch) throws IOException {
        StringWriter out = new StringWriter(96 * requests.size() + 2);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            if (batch) {
                json.writeStartArray();
            }
            for (Request<?, ?> request : requests) {
                json.writeStartObject();
                json.writeStringField("jsonrpc", "2.0");
                json.writeStringField("method", request.getMethod());
                json.writeArrayFieldStart("params");
                for (Object param : request.getParams()) {
                    if (param instanceof String text) {
                        json.writeString(text);
                    } else if (param instanceof Boolean flag) {
                        json.writeBoolean(flag);
                    } else {
                        JSON.writeValue(json, param);
                    }
                }
                json.writeEndArray();
                json.writeNumberField("id", request.getId());
                json.writeEndObject();
            }
            if (batch) {
                json.writeEndArray();
            }
        }
        return out.toString();
    }

    /**
     * Posts a request and parses the answer (read no further than the response size limit): null for an empty body.
     */
    private JsonNode post(String body) throws IOException {
        try (okhttp3.Response response = http.newCall(httpRequest(body)).execute()) {
            return answer(response);
        }
    }

    private okhttp3.Request httpRequest(String body) {
        return new okhttp3.Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE)).build();
    }

    /** The parsed answer of a 2xx response, null for an empty body; any other status is a {@link HttpStatusException}. */
    private JsonNode answer(okhttp3.Response response) throws IOException {
        if (!response.isSuccessful()) {
            throw new HttpStatusException(rpcUrl, response.code());
        }
        ResponseBody responseBody = response.body();
        if (responseBody == null) {
            return null;
        }
        try (InputStream in = responseBody.byteStream()) {
            JsonNode tree = JSON.readTree(in);
            return tree == null || tree.isMissingNode() ? null : tree;
        }
    }

    /**
     * Loads and initializes web3j's response types and deserializers once, at startup, so that the first polls (of
     * every node at once, when the collector takes over a partition) do not each wait for it.
     */
    static void warmUp(java.util.concurrent.ScheduledExecutorService web3jScheduler) {
        // web3j's classes of a node's Web3j and of a batch (RxJava's schedulers among them)
        org.web3j.protocol.Web3j web3j = new org.web3j.protocol.core.JsonRpc2_0Web3j(
                new JsonRpcService("http://127.0.0.1/", HttpUrl.get("http://127.0.0.1/"), null), 15_000L,
                web3jScheduler);
        web3j.newBatch().add(web3j.ethBlockNumber()).add(web3j.ethGetBlockByNumber(
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false));
        String block = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"number\":\"0x1\",\"hash\":\"0x01\","
                + "\"parentHash\":\"0x00\",\"timestamp\":\"0x1\",\"transactions\":[\"0x02\"]}}";
        String quantity = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}";
        try {
            JSON.readValue(block, org.web3j.protocol.core.methods.response.EthBlock.class);
            JSON.readValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":false}",
                    org.web3j.protocol.core.methods.response.EthSyncing.class);
            JSON.readValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pending\":\"0x0\",\"queued\":\"0x0\"}}",
                    org.web3j.protocol.core.methods.response.TxPoolStatus.class);
            for (Class<? extends Response<?>> type : List.<Class<? extends Response<?>>>of(
                    org.web3j.protocol.core.methods.response.EthBlockNumber.class,
                    org.web3j.protocol.core.methods.response.EthGasPrice.class,
                    org.web3j.protocol.core.methods.response.EthChainId.class,
                    org.web3j.protocol.core.methods.response.NetPeerCount.class,
                    org.web3j.protocol.core.methods.response.Web3ClientVersion.class)) {
                JSON.readValue(quantity, type);
            }
        } catch (IOException e) {
            throw new IllegalStateException("web3j's response types could not be read", e);
        }
    }

    static PollFailure.MalformedAnswerException malformed(String rpcUrl, String method, JsonNode value) {
        String shown = value == null ? "nothing" : value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new PollFailure.MalformedAnswerException(
                rpcUrl + " answered " + method + " with " + shown + ", which is not what it should be");
    }

    /**
     * Sends one request without holding a thread while it waits (OkHttp's dispatcher calls back): used by the
     * {@link SilenceWatch}'s checks and {@link EthereumNodeProbe#answersAgain}, never by a poll. The answer is read as
     * {@link #send} reads it.
     */
    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        CompletableFuture<T> result = new CompletableFuture<>();
        String body;
        try {
            body = write(List.<Request<?, ?>>of((Request<?, ?>) request), false);
        } catch (IOException e) {
            result.completeExceptionally(e);
            return result;
        }
        http.newCall(httpRequest(body)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, okhttp3.Response response) {
                try (response) {
                    JsonNode answer = answer(response);
                    if (answer == null || !answer.isObject()) {
                        throw new PollFailure.MalformedAnswerException(rpcUrl + " did not answer "
                                + request.getMethod() + " with a JSON-RPC answer");
                    }
                    result.complete(convert(answer, request, responseType));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
        throw new UnsupportedOperationException("polls are synchronous");
    }

    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(Request request, String unsubscribeMethod,
                                                             Class<T> responseType) {
        throw new UnsupportedOperationException("HTTP has no subscriptions; new heads come from HeadSubscription");
    }

    @Override
    public void close() {
        // the OkHttp client is shared by every node and closed with the probe
    }
}
