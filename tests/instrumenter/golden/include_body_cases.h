case 1:
    r = 100;
    break;
case 2:
    r = (int)strlen(strcpy(malloc(16), "twelve chars"));
    break;
