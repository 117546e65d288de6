from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule, with its message in Chinese.

    Django 5.2 changed this message's placeholder and its zh-hans translation still has the
    old text, so without this the one refusal people meet most would come out in English.
    """

    def get_error_message(self):
        return f"密码长度太短。密码必须包含至少 {self.min_length} 个字符。"
