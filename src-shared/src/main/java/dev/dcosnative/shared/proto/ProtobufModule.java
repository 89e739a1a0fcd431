package dev.dcosnative.shared.proto;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * Lets Jackson documents embed Mesos protobuf messages: they are written and read with {@link ProtoJson}, so an
 * {@code AgentInfo} inside a Jackson record looks exactly as it does in the Mesos APIs.
 */
public final class ProtobufModule extends SimpleModule {

    public ProtobufModule() {
        super("mesos-protobuf");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
                return Message.class.isAssignableFrom(type.getRawClass()) ? MessageSerializer.INSTANCE : null;
            }
        });
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                    BeanDescription bean) {
                return Message.class.isAssignableFrom(type.getRawClass()) ? new MessageDeserializer(type.getRawClass())
                        : null;
            }
        });
    }

    private static final class MessageSerializer extends JsonSerializer<Message> {
        static final MessageSerializer INSTANCE = new MessageSerializer();

        @Override
        public void serialize(Message value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeTree(ProtoJson.toTree(value));
        }
    }

    private static final class MessageDeserializer extends JsonDeserializer<Message> {
        private final Class<?> type;

        MessageDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Message deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = p.readValueAsTree();
            Message.Builder builder = newBuilder();
            try {
                ProtoJson.merge(tree, builder);
            } catch (InvalidProtocolBufferException e) {
                return (Message) ctxt.handleWeirdStringValue(type, tree.toString(), e.getMessage());
            }
            if (!builder.isInitialized()) {
                return (Message) ctxt.handleWeirdStringValue(type, tree.toString(),
                        "missing required fields " + builder.findInitializationErrors());
            }
            return builder.build();
        }

        private Message.Builder newBuilder() throws IOException {
            try {
                return (Message.Builder) type.getMethod("newBuilder").invoke(null);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IOException("not a generated protobuf message: " + type.getName(), e);
            }
        }
    }
}
