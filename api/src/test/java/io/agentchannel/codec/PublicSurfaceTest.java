package io.agentchannel.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicSurfaceTest {

  @Test
  void wireCodecExposesNoInternalType() {
    List<Type> exposed = new ArrayList<>();
    for (Method m : WireCodec.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        exposed.add(m.getGenericReturnType());
        exposed.addAll(List.of(m.getGenericParameterTypes()));
        exposed.addAll(List.of(m.getGenericExceptionTypes()));
      }
    }
    for (Constructor<?> c : WireCodec.class.getDeclaredConstructors()) {
      if (Modifier.isPublic(c.getModifiers())) {
        exposed.addAll(List.of(c.getGenericParameterTypes()));
      }
    }

    assertThat(exposed).extracting(Type::getTypeName).noneMatch(name -> name.contains(".internal."));
    assertThat(Modifier.isFinal(WireCodec.class.getModifiers())).isTrue();
    assertThat(WireCodec.shared()).isSameAs(WireCodec.shared());
  }
}
